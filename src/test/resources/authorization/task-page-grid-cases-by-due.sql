select distinct
     
    RES.REV_, RES.ID_, RES.NAME_, RES.PARENT_TASK_ID_, RES.DESCRIPTION_, RES.PRIORITY_,
    RES.CREATE_TIME_, RES.OWNER_, RES.ASSIGNEE_, RES.DELEGATION_, RES.EXECUTION_ID_,
    RES.PROC_INST_ID_, RES.PROC_DEF_ID_, RES.CASE_EXECUTION_ID_, RES.CASE_INST_ID_,
    RES.CASE_DEF_ID_, RES.TASK_DEF_KEY_, RES.DUE_DATE_, RES.FOLLOW_UP_DATE_,
    RES.SUSPENSION_STATE_, RES.TENANT_ID_, RES.LAST_UPDATED_, RES.TASK_STATE_
   
    
     
     
     
       
     
   
     

    from ACT_RU_TASK RES
     
     
     
     
     
     
     

     
       
       
         
       
      
       
         
       
       
       
       
       
     

     
      
      left join ACT_RU_IDENTITYLINK I on I.TASK_ID_ = RES.ID_
     
     
       
          left join
         
      ACT_RE_PROCDEF D on RES.PROC_DEF_ID_ = D.ID_
     
     
     
     
     

     
           
         
     
     
     
     
     
     left join 
    (
    SELECT A.*
    FROM ACT_RU_AUTHORIZATION A
    WHERE A.TYPE_ < ?     
    AND ( A.USER_ID_ in ( ?, ?)           
     
      OR A.GROUP_ID_ IN  (  ? ) 
     
    )
     
     
      AND (
       
         (  
          A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ?
         OR 
          A.RESOURCE_TYPE_ = ? AND A.PERMS_ & ? = ?
         ) 
       
       
      )
     
   
    )
   
    
    
        AUTH ON (AUTH.RESOURCE_ID_ IN ( RES.ID_ , D.KEY_ , ? ))
       
     
    
     
       
     
     WHERE  (
        ? = ? and D.KEY_ in
              (
                ?
              ,
                ?
              ,
                ?
              ,
                ?
              ,
                ?
              )
            and
          
              (  I.TYPE_ = ?
                
                  and
                  (
                  
                  
                  
                    I.GROUP_ID_ IN
                    (
                      ?
                    )
                  
                  
                  
                  
                  ) )
            

            

            


            
            
            
            
              
                and RES.SUSPENSION_STATE_ = ?
        )
      
      
      
      
      
    
      
          and (
          
          
            (RES.CASE_EXECUTION_ID_ IS NOT NULL)
            OR
          
            (AUTH.RESOURCE_ID_ IS NOT NULL)
            
          )
        
    
   
      
    

    
    
    
      and (RES.TENANT_ID_ is null
      
      ) 
   
    order by RES.DUE_DATE_ asc, RES.PRIORITY_ desc, RES.CREATE_TIME_ desc
    LIMIT ? OFFSET ?
